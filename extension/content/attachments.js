// @ts-check
/**
 * Photos and videos attached to a draft: a file chosen through a file input (the site's own near
 * the compose box, or any other: the generic fallback), or an image pasted into the box or dropped
 * on it. A draft keeps only what kind each attachment is and, for a JPEG photo, where and when the
 * camera says it was taken, read by the extension's own worker from the file's first bytes. The
 * bytes are sent nowhere else and never stored.
 */
import { request } from '../shared/messages.js';

/** EXIF sits in the first segment of a JPEG, well within this. */
const METADATA_BYTES = 128 * 1024;

/**
 * @typedef {{kind: 'image' | 'video', gps?: {lat: number, lon: number}, taken?: string}} Attachment
 */

/**
 * What the engine is told about one file, or null when it is neither a photo nor a video.
 * @param {File} file
 * @returns {Promise<Attachment | null>}
 */
export async function describe(file) {
  const kind = file.type.startsWith('video/') ? 'video' : file.type.startsWith('image/') ? 'image' : null;
  if (!kind) return null;
  /** @type {Attachment} */
  const attachment = { kind };
  if (kind === 'image' && /jpe?g/i.test(file.type)) {
    try {
      const bytes = Array.from(new Uint8Array(await file.slice(0, METADATA_BYTES).arrayBuffer()));
      const meta = await request({ type: 'photo', bytes });
      if (meta.gps) attachment.gps = meta.gps;
      if (meta.taken) attachment.taken = meta.taken;
    } catch {
      // The location is a bonus: the photo check stands without it.
    }
  }
  return attachment;
}

/**
 * Calls `onFiles(target, files)` for files chosen, pasted or dropped anywhere on the page, until
 * the signal fires.
 * @param {AbortSignal} signal
 * @param {(target: EventTarget | null, files: File[]) => void} onFiles
 */
export function watchAttachments(signal, onFiles) {
  const options = { capture: true, signal };
  // A choice of files fires `input` (which leaves shadow roots) and then `change` (which does not);
  // each choice is one FileList, taken once.
  /** @type {WeakSet<FileList>} */
  const seen = new WeakSet();
  /** @param {Event} e */
  const chosen = (e) => {
    const input = e.composedPath()[0];
    if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.files?.length || seen.has(input.files)) return;
    seen.add(input.files);
    onFiles(input, [...input.files]);
  };
  window.addEventListener('input', chosen, options);
  window.addEventListener('change', chosen, options);
  window.addEventListener('paste', (e) => {
    const files = [...(e.clipboardData?.files || [])];
    if (files.length) onFiles(e.composedPath()[0], files);
  }, options);
  window.addEventListener('drop', (e) => {
    const files = [...(e.dataTransfer?.files || [])];
    if (files.length) onFiles(e.composedPath()[0], files);
  }, options);
}
