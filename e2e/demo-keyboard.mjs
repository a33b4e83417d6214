// In-page checks of the demo's keyboard use, shared by the Chromium test (demo-a11y) and the engine
// suites: each is passed to the driver's evaluate and runs in the page.

/** The channel of the Inbox conversation that has the focus, or null. */
export const FOCUSED_CONVERSATION = () => document.activeElement?.closest('#list li')?.dataset.channel ?? null;

/** The channels of the Inbox conversations marked current (`aria-current="true"`). */
export const CURRENT_CONVERSATIONS = () => [...document.querySelectorAll('#list [aria-current="true"]')].map((e) => e.closest('li').dataset.channel);
