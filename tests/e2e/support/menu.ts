import type { Page } from "playwright-core";

/** The menu's links as this width shows them (the phone panel or the desktop dropdowns), opened. */
export async function menuLinks(page: Page, width: number): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "主导航" });
  // The signed-in menu, once it is there (a busy machine may still be painting the page).
  await nav
    .locator(width < 1024 ? "details.lg\\:hidden > summary" : "ul.lg\\:flex details")
    .first()
    .waitFor();
  if (width < 1024) {
    await nav.locator("details.lg\\:hidden > summary").click();
    return nav.locator("details.lg\\:hidden a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
  }
  const groups = nav.locator("ul.lg\\:flex details");
  const hrefs: string[] = ["/"];
  for (let i = 0; i < (await groups.count()); i++) {
    await groups.nth(i).locator("summary").click();
    const links = groups.nth(i).locator("a");
    for (let j = 0; j < (await links.count()); j++) {
      await expect(links.nth(j).isVisible()).resolves.toBe(true);
      hrefs.push((await links.nth(j).getAttribute("href"))!);
    }
    await groups.nth(i).locator("summary").click();
  }
  return hrefs;
}

/** How far the page is wider than the window (0 or less: it fits). */
export const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
