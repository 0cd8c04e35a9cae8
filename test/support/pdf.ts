import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text a reader of the PDF sees, page by page, lines joined by newlines: what the tests assert
 * on instead of the file's bytes. pdf.js (Mozilla's reader) decodes the embedded font's glyphs back
 * to Unicode, so a Kazakh letter the font lacks would come out wrong here.
 */
export async function pdfText(content: Buffer | Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(content), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const { items } = await page.getTextContent();
    let text = '';
    for (const item of items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : '');
    }
    pages.push(text);
  }
  await pdf.destroy();
  return pages.join('\n\f\n');
}
