// SVG drawings drawn once as bitmaps. Chromium records an SVG image again every time an element
// showing it paints (PaintImage: about 1 ms a menu card at 4× CPU, a dozen cards a category), where
// a bitmap paints as one image draw and is decoded off the main thread. Drawn in idle time, one
// drawing per idle moment (state/when-idle.ts); the page's policy allows the blob: URLs
// (electron/host/security-headers.ts).

/** The drawing at `src` as a bitmap (PNG, with its transparency) whose long side is `longSide` CSS pixels, as a blob: URL. */
export async function drawAsBitmap(src: string, longSide: number): Promise<string> {
  const image = new Image();
  image.src = src;
  await image.decode();
  const width = image.naturalWidth || 1;
  const height = image.naturalHeight || 1;
  const scale = (longSide * Math.min(2, window.devicePixelRatio || 1)) / Math.max(width, height);
  const canvas = new OffscreenCanvas(Math.round(width * scale), Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/png' }));
}
