import type { Browser, Page } from "playwright-core";
import { jpegWithExif, pngLogo } from "../support/images";
import { baseUrl, launchBrowser, openPage, screenshot, signIn } from "./support/browser";

/**
 * A mediation room from application to its public page, as the people who make it: demo_mediator
 * applies on a phone (青山县's own rule, which they meet, is shown before submitting), with a
 * photo and a logo; demo_township consents for the committee; demo_county names it (date, 文号,
 * plaque); a visitor finds it in the public directory on a 375 px phone and opens its page with
 * its QR code.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function submit(page: Page, button: string, url?: RegExp) {
  try {
    await Promise.all([page.waitForURL(url ?? /.*/, { waitUntil: "commit", timeout: 20_000 }), page.click(button)]);
    await page.waitForLoadState("networkidle");
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${page.url()}\n${await page.locator("main").innerText()}`);
  }
}

const width = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe("a mediation room", () => {
  it("is applied for, consented to, named, and shown to the public", async () => {
    const name = `东门暖心调解室${Date.now() % 10_000}`;
    const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(phone.page, "demo_mediator", "/rooms/apply");
    await phone.page.waitForLoadState("networkidle");
    await phone.page.getByText("符合命名条件").first().waitFor();
    await phone.page.fill("input[name=name]", name);
    await phone.page.selectOption("select[name=kind]", "personal");
    await phone.page.check('input[name=specialties][value="neighbourhood"]');
    await phone.page.check('input[name=specialties][value="marriage_family"]');
    await phone.page.fill("input[name=address]", "青山县城关镇东门社区文化路12号");
    await phone.page.fill("input[name=hours]", "周一至周五 8:30—17:30");
    await phone.page.fill("input[name=phone]", "0999-6654321");
    await phone.page.fill("input[name=motto]", "邻里和，家家和");
    await phone.page.fill("textarea[name=story]", "扎根东门社区，调解邻里和婚姻家庭纠纷，坚持上门走访和回访。");
    await phone.page.setInputFiles("input[name=photo]", {
      name: "门头.jpg",
      mimeType: "image/jpeg",
      buffer: Buffer.from(await jpegWithExif()),
    });
    await phone.page.setInputFiles("input[name=logo]", { name: "标识.png", mimeType: "image/png", buffer: Buffer.from(await pngLogo()) });
    expect(await width(phone.page)).toBeLessThanOrEqual(375);
    await submit(phone.page, "button[name=intent][value=submit]", /submitted=1/);
    await phone.page.getByText("待调委会同意").first().waitFor();
    const manage = new URL(phone.page.url()).pathname;
    expect(await width(phone.page)).toBeLessThanOrEqual(375);
    await screenshot(phone.page, "room-application-375");

    const township = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await signIn(township.page, "demo_township", manage);
    await township.page.waitForLoadState("networkidle");
    await submit(township.page, 'button[type=submit]:has-text("调委会同意")', /moved=consent/);

    // The directory as a signed-out visitor sees it before the naming: answered with an ETag (the public page cache).
    const directory = `${baseUrl()}/rooms?q=${encodeURIComponent(name)}`;
    const before = await fetch(directory);
    const etagBefore = before.headers.get("etag");
    expect(etagBefore).toMatch(/^"[\w-]{27}"$/);
    expect(await before.text()).not.toContain(`${name}</`);
    expect((await fetch(directory, { headers: { "If-None-Match": etagBefore! } })).status).toBe(304);

    const county = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await signIn(county.page, "demo_county", manage);
    await county.page.waitForLoadState("networkidle");
    await county.page.fill("input[name=namedOn]", new Date().toISOString().slice(0, 10));
    await county.page.fill("input[name=docNo]", `青司〔${new Date().getFullYear()}〕88号`);
    await county.page.fill("input[name=plaque]", name);
    await submit(county.page, 'button[type=submit]:has-text("批准命名")', /moved=name/);
    await county.page.getByText("已命名").first().waitFor();
    // Naming changed the directory: the old ETag no longer matches, the new page lists the room.
    const after = await fetch(directory, { headers: { "If-None-Match": etagBefore! } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etagBefore);
    expect(await after.text()).toContain(name);
    expect((await fetch(directory, { headers: { "If-None-Match": after.headers.get("etag")! } })).status).toBe(304);

    // A visitor, signed out, on a phone.
    const visitor = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await visitor.page.goto(`${baseUrl()}/rooms?q=${encodeURIComponent(name)}`);
    await visitor.page.getByText(name).first().waitFor();
    expect(await width(visitor.page)).toBeLessThanOrEqual(375);
    await screenshot(visitor.page, "rooms-directory-375");
    await Promise.all([visitor.page.waitForURL(/\/rooms\/[a-z0-9]+$/), visitor.page.click(`a.room-card:has-text("${name}")`)]);
    await visitor.page.locator("h1", { hasText: name }).waitFor();
    const qr = visitor.page.locator('section.qr img[alt$="页面二维码"]');
    await qr.waitFor();
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
    expect(await visitor.page.locator('a[href^="tel:"]').count()).toBe(1);
    expect(await width(visitor.page)).toBeLessThanOrEqual(375);
    await screenshot(visitor.page, "room-page-375");
    expect(visitor.problems).toEqual([]);
  });
});
