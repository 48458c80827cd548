import { Writable } from 'node:stream';
import { createElement, Suspense, type ReactElement } from 'react';
import { renderToPipeableStream } from 'react-dom/server';

// What React Email puts in front of every document (its render() replaces any doctype React wrote).
const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * An email's React tree as the HTML document React Email's `render()` makes
 * of it, byte for byte (a test compares the two for every template), at well
 * under half its cost: `render()` imports react-dom/server again on every call
 * and reads React's output through web streams; this renders the same tree,
 * under the same Suspense boundary, to a Node stream.
 */
export function renderHtml(element: ReactElement): Promise<string> {
  return new Promise((resolve, reject) => {
    const stream = renderToPipeableStream(createElement(Suspense, null, element), {
      // One chunk for the whole document, as React Email asks for.
      progressiveChunkSize: Number.POSITIVE_INFINITY,
      onShellError: reject,
      onError: reject,
      onAllReady() {
        const chunks: Buffer[] = [];
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            chunks.push(chunk);
            done();
          },
          final(done) {
            done();
            resolve(`${DOCTYPE}${Buffer.concat(chunks).toString('utf8').replace(/<!DOCTYPE.*?>/, '')}`);
          },
        });
        sink.on('error', reject);
        stream.pipe(sink);
      },
    });
  });
}
