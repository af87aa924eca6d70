// What a host test cannot do from inside the extension host but a user does in the workbench: read what the page
// shows, click, type, run a command from the Command Palette; and pictures cropped to part of the page. The runner
// (host-test.mjs) performs these for a test that asks with a `UI-ACTION` or `SCREENSHOT` line (test/host/helpers.ts).

/** How long an element may take to appear before an action fails. */
const appearMs = 10_000;

/**
 * A picture of the page, or with `clip` (CSS selectors) of the smallest rectangle around the visible elements they
 * match, plus `pad` pixels, so the picture shows what it is about and stays readable where it is shown small.
 */
export async function takeScreenshot(page, path, { clip, pad = 8 } = {}) {
  if (!clip?.length) return page.screenshot({ path });
  const boxes = [];
  for (const selector of clip) {
    for (const element of await page.locator(selector).all()) {
      const box = await element.boundingBox();
      if (box && box.width > 0 && box.height > 0) boxes.push(box);
    }
  }
  if (boxes.length === 0) throw new Error(`nothing visible matches ${clip.join(', ')}`);
  const viewport = page.viewportSize();
  const left = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const top = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + pad);
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + pad);
  return page.screenshot({ path, clip: { x: left, y: top, width: right - left, height: bottom - top } });
}

/** The first frame (the page's own, or a webview's inside it) in which `locate` finds something, waiting for it. */
async function inAnyFrame(page, locate, description) {
  const deadline = Date.now() + appearMs;
  for (;;) {
    for (const frame of page.frames()) {
      const found = locate(frame);
      if (await found.count().catch(() => 0)) return found.first();
    }
    if (Date.now() > deadline) throw new Error(`nothing in the workbench or its webviews matches ${description}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const actions = {
  /** What the elements matching `selector` show: their text and the `attributes` named. */
  async query(page, { selector, attributes = [], wait = false }) {
    // `wait`: what the user looks for is about to show (a list opening); an empty answer is only given after appearMs.
    if (wait) await page.locator(selector).first().waitFor({ state: 'attached', timeout: appearMs }).catch(() => {});
    return page.locator(selector).evaluateAll((elements, names) => elements.map((e) => ({
      text: e.textContent?.trim() ?? '',
      attributes: Object.fromEntries(names.map((name) => [name, e.getAttribute(name)])),
    })), attributes);
  },
  /** Clicks the element matching `selector`, or the button named `button` in the page or any webview. */
  async click(page, { selector, button }) {
    const target = button
      ? await inAnyFrame(page, (frame) => frame.getByRole('button', { name: button, exact: true }), `the button "${button}"`)
      : page.locator(selector).first();
    await target.click({ timeout: appearMs });
    return true;
  },
  /** Runs a command as a user does: the Command Palette, its title typed, the entry chosen with Enter. */
  async command(page, { title }) {
    const input = page.locator('.quick-input-widget input');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    // A busy workbench may drop the key that opens the palette, or the typed text while it opens: the user presses
    // the other shortcut, or closes the palette and types again.
    for (const keys of ['F1', 'Control+Shift+P', 'F1']) {
      await page.keyboard.press(keys);
      if (!(await input.waitFor({ state: 'visible', timeout: appearMs / 2 }).then(() => true, () => false))) continue;
      await input.fill(`>${title}`);
      if (await row.waitFor({ timeout: appearMs }).then(() => true, () => false)) {
        await page.keyboard.press('Enter');
        return true;
      }
      await page.keyboard.press('Escape');
    }
    throw new Error(`the Command Palette did not list "${title}"`);
  },

  /**
   * Opens a menu of the menu bar (`path[0]`, e.g. "Help"; in the browser the bar is behind the Application Menu
   * button) and chooses `path[1]`, through submenus for a longer path.
   */
  async menu(page, { path }) {
    const applicationMenu = page.locator('.menubar .menubar-menu-button[aria-label="Application Menu"]');
    const compact = await applicationMenu.count() > 0;
    if (compact) await applicationMenu.first().click();
    else await page.locator('.menubar .menubar-menu-button', { hasText: path[0] }).first().click();
    const [first, ...rest] = compact ? path : path.slice(1);
    let item = page.getByRole('menuitem', { name: first });
    for (const next of rest) {
      await item.first().hover({ timeout: appearMs });
      await item.first().press('ArrowRight').catch(() => {});
      item = page.getByRole('menuitem', { name: next });
    }
    await item.first().click({ timeout: appearMs });
    // On a busy machine a click can land while the submenu is redrawn and leave it open with the item highlighted:
    // Enter then chooses it, as a keyboard user would.
    const closed = () => item.first().waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false);
    if (!(await closed())) {
      await page.keyboard.press('Enter');
      if (!(await closed())) throw new Error(`the menu stayed open after choosing ${path.join(' → ')}`);
    }
    return true;
  },
  /**
   * Starts Chromium's trace (every process's threads, with the renderer's JavaScript sampled) into `path`, or with
   * `stop` ends it: a bench's look at what the workbench spends its time on (bench/host/typing.test.ts).
   */
  async trace(page, { path, stop = false }) {
    const browser = page.context().browser();
    if (stop) await browser.stopTracing();
    else await browser.startTracing(page, { path });
    return true;
  },
  /** Presses keys (Playwright's names, e.g. "Escape") one after another. */
  async keys(page, { keys }) {
    for (const key of keys) await page.keyboard.press(key);
    return true;
  },
};

export async function performUiAction(page, action) {
  const perform = actions[action.op];
  if (!perform) throw new Error(`unknown UI action ${action.op}`);
  return perform(page, action);
}
