import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The C functions of HarfBuzz's subsetter (hb-subset) that harfbuzzjs's harfbuzz-subset.wasm exports; pointers are offsets into `memory`. */
interface HbSubset {
  memory: WebAssembly.Memory;
  malloc(bytes: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_keep_everything(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

/** hb_memory_mode_t HB_MEMORY_MODE_WRITABLE: HarfBuzz may use the bytes as they are, without a copy. */
const writable = 2;
/** hb_subset_flags_t HB_SUBSET_FLAGS_NO_HINTING: drop the TrueType instructions (glyf programs, fpgm, prep, cvt). */
const noHinting = 0x1;

/**
 * Each TrueType font of `files` with every glyph, code point, layout table (kerning, GSUB/GPOS) and
 * name kept, and its hinting dropped, as HarfBuzz's subsetter writes it.
 *
 * Why: pdfkit embeds a subset of each font a PDF uses, and DejaVu Sans is heavily hinted: in a
 * one-page Kazakh notice, the instructions of its Cyrillic and Latin glyphs and the fpgm, prep and
 * cvt programs were over half the embedded font, and the fonts two thirds of the file (a 29 KiB
 * notice held 20 KiB of font). Hinting only snaps outlines to a coarse pixel grid; a printer and
 * pdf.js draw the outlines alone (poppler drew the notice's page to the same pixels either way), and
 * the glyphs, their widths and the text a reader extracts are unchanged. Synchronous, about 60 ms a DejaVu Sans
 * style; throws if HarfBuzz cannot read a font. The WebAssembly instance (and its few MiB of
 * memory, which never shrinks) is dropped when done.
 */
export function unhintedFonts(files: readonly string[]): Buffer[] {
  const hb = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'))), {}).exports as unknown as HbSubset;
  return files.map((file) => unhinted(hb, file));
}

function unhinted(hb: HbSubset, file: string): Buffer {
  const font = fs.readFileSync(file);
  const pointer = hb.malloc(font.length);
  new Uint8Array(hb.memory.buffer).set(font, pointer);
  const blob = hb.hb_blob_create(pointer, font.length, writable, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    if (!input) throw new Error(`${file}: HarfBuzz could not start a subset`);
    hb.hb_subset_input_keep_everything(input);
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | noHinting);
    const subset = hb.hb_subset_or_fail(face, input);
    if (!subset) throw new Error(`${file}: HarfBuzz could not rewrite the font without hinting`);
    const result = hb.hb_face_reference_blob(subset);
    // Copied out of the wasm memory, which the next malloc may grow (and so detach).
    const bytes = Buffer.from(new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(result, 0), hb.hb_blob_get_length(result)));
    hb.hb_blob_destroy(result);
    hb.hb_face_destroy(subset);
    return bytes;
  } finally {
    if (input) hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(pointer);
  }
}
