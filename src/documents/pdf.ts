import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

interface PdfMake {
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
  pdfmake.setFonts({
    DejaVu: {
      normal: path.join(fontDir, 'DejaVuSans.ttf'),
      bold: path.join(fontDir, 'DejaVuSans-Bold.ttf'),
      italics: path.join(fontDir, 'DejaVuSans-Oblique.ttf'),
      bolditalics: path.join(fontDir, 'DejaVuSans-BoldOblique.ttf'),
    },
  });
  // Documents are built from our own templates: no downloads, and only the font files are read.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir));
  return pdfmake;
}

/** Renders a pdfmake document definition to PDF bytes. */
export function renderPdf(definition: Record<string, unknown>): Promise<Buffer> {
  return printer()
    .createPdf({ defaultStyle: { font: 'DejaVu', fontSize: 10, lineHeight: 1.25 }, pageSize: 'A4', pageMargins: [56, 48, 48, 48], ...definition })
    .getBuffer();
}
