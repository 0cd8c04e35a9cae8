import { parentPort } from 'node:worker_threads';
import { renderPdf } from './pdf.js';

/** Renders PDFs off the main thread: layout is CPU work, and pdfmake stays out of the server's isolate. */
parentPort!.on('message', async ({ id, definition }: { id: number; definition: Record<string, unknown> }) => {
  try {
    const content = await renderPdf(definition);
    parentPort!.postMessage({ id, content }, [content.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
