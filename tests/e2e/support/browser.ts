import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const baseUrl = () => process.env.E2E_BASE_URL ?? "http://localhost:3000";
export const artifactsDir = path.resolve(__dirname, "../artifacts");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page that records console errors and failed requests, so CSP or hydration breakage fails the test. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ locale: "zh-CN", ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return { page, context, problems };
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in through the login form with the demo password and waits until `to` has loaded. */
export async function signIn(page: Page, username: string, to: string) {
  await page.goto(`${baseUrl()}/login?redirectTo=${encodeURIComponent(to)}`);
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", "mediate-2026");
  await Promise.all([page.waitForURL(`${baseUrl()}${to}`, { waitUntil: "commit" }), page.click('button[type=submit]:has-text("登录")')]);
}

/**
 * The page has loaded and React has hydrated it (the root sets data-hydrated), so what a test types
 * is not reset by hydration; a static document without scripts (/verify) counts once loaded.
 */
export async function settled(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true" || !document.querySelector("script[type=module]"));
}
