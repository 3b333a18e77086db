import type { Dispatcher } from "undici";
import type { HttpResponse } from "./types.js";

/** A whole HTTP answer: status, headers and the body as text. */
export interface RawAnswer {
  status: number;
  headers: HttpResponse["headers"];
  text: string;
}

/** Raised when `timeoutMs` passes before the answer is complete. */
export class ExchangeTimeout extends Error {
  readonly code = "DEADLINE";
  constructor(timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
    this.name = "ExchangeTimeout";
  }
}

/**
 * One request through undici's low-level `dispatch` API, the body collected into a string.
 *
 * Provider answers are small JSON documents read whole, so the stream-based `request` API
 * (a Readable body, an AsyncResource and an AbortSignal per request) is pure overhead: about a
 * third of the client's CPU time per request in a 1,000-trunk apply. One timer per exchange
 * aborts it at `timeoutMs`, even while it still waits in the pool's queue.
 */
export function exchange(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  timeoutMs: number,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let headers: RawAnswer["headers"] = {};
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (error: Error | undefined, answer?: RawAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else if (answer) resolve(answer);
    };
    const timer = setTimeout(() => {
      const error = new ExchangeTimeout(timeoutMs);
      // Not started yet: `onRequestStart` aborts it on arrival; settle now either way.
      controller?.abort(error);
      settle(error);
    }, timeoutMs);

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (settled) started.abort(new ExchangeTimeout(timeoutMs));
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        status = statusCode;
        headers = responseHeaders;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        settle(undefined, { status, headers, text: body.toString("utf8") });
      },
      onResponseError(_controller, error) {
        settle(error);
      },
    };
    dispatcher.dispatch(options, handler);
  });
}
