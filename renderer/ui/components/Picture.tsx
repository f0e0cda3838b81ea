// A menu picture on a card, a category button or the customiser. Decorative (the name is always
// written next to it), so it is the element's background rather than an <img>: React listens for
// `load` on every <img> it renders, and each picture's arrival was an event through React's
// dispatch after the screen's frame (about half a millisecond each at 4x CPU, a dozen or more per
// menu screen). The path is the menu's validated image path (letters, digits, `._-/` only), quoted
// as a CSS string.

import { pictureUrl } from './picture-bitmaps';

/** `menuVersion`: the menu the picture belongs to (its drawing is shown as a bitmap once drawn for that version). */
export const Picture = ({ src, menuVersion, className }: { src: string; menuVersion: string; className: string }) => (
  <span className={`picture ${className}`} aria-hidden="true" style={{ backgroundImage: `url("${pictureUrl(src, menuVersion)}")` }} />
);
