import { createRequire } from 'node:module';
import path from 'node:path';
import { unhintedFonts } from './unhinted.js';

const require = createRequire(import.meta.url);

interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (file: string) => boolean): void;
  createPdf(definition: unknown): { getBuffer(): Promise<Buffer> };
}

/** DejaVu Sans covers Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і) as well as Russian and Latin. */
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

let pdfmake: PdfMake | undefined;

function printer(): PdfMake {
  if (pdfmake) return pdfmake;
  pdfmake = require('pdfmake') as PdfMake;
  // The fonts without their hinting (see unhintedFonts: it was most of each PDF's bytes), as pdfmake's in-memory files.
  const styles = { normal: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italics: 'DejaVuSans-Oblique.ttf', bolditalics: 'DejaVuSans-BoldOblique.ttf' };
  const files = Object.values(styles);
  unhintedFonts(files.map((file) => path.join(fontDir, file))).forEach((font, k) => pdfmake!.virtualfs.writeFileSync(files[k]!, font));
  pdfmake.setFonts({ DejaVu: styles });
  // Documents are built from our own templates: no downloads, and no file is read but the fonts above.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  return pdfmake;
}

/** Renders a pdfmake document definition to PDF bytes. */
export function renderPdf(definition: Record<string, unknown>): Promise<Buffer> {
  return printer()
    .createPdf({ defaultStyle: { font: 'DejaVu', fontSize: 10, lineHeight: 1.25 }, pageSize: 'A4', pageMargins: [56, 48, 48, 48], ...definition })
    .getBuffer();
}
