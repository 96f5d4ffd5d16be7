/**
 * Server-sent events (docs/web.md): `sse(producer)` answers `text/event-stream` and calls
 * `producer(stream)` once the response has started; `sse_send(stream, data, event?)`
 * writes one event and returns false once the client has gone (or the server is shutting
 * down), so the producer's loop can stop. The request timeout does not cut a stream;
 * shutdown closes every open stream, and a comment line every 15 s keeps proxies from
 * closing an idle one.
 */

import { declare } from "../runtime/declaration";
import { display } from "../runtime/display";
import { typeError } from "../runtime/errors";
import { toJsonText } from "../runtime/json-value";
import { NArray, NFunction, NMap, NNative, type CallResult, type Value } from "../runtime/values";
import { native } from "../runtime/natives";
import { type OpenStreams, writeStream } from "./open-streams";

const encoder = new TextEncoder();

/**
 * The body of an event-stream response, one of `streams`: runs `producer(handle)` through
 * `call` once the client reads, closes when it returns; `onError` reports a producer's failure.
 */
export function eventStream(
  streams: OpenStreams,
  producer: Value,
  call: (fn: Value, args: Value[]) => CallResult,
  onError: (e: unknown) => void,
): ReadableStream<Uint8Array> {
  const id = streams.newId();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      streams.open(id, controller);
      controller.enqueue(encoder.encode(": connected\n\n"));
      const handle = NMap.fromObject({ _sse_stream: id });
      // Started on the next turn so the response headers go out first.
      setTimeout(() => {
        let r: CallResult;
        try {
          r = call(producer, [handle]);
        } catch (e) {
          onError(e);
          streams.close(id);
          return;
        }
        if (r instanceof Promise)
          r.then(
            () => streams.close(id),
            (e) => {
              onError(e);
              streams.close(id);
            },
          );
        else streams.close(id);
      }, 0);
    },
    cancel() {
      streams.cancelled(id);
    },
  });
}

/** One event in the wire format: optional `event:` line, one `data:` line per line of data. */
function eventText(data: string, event: string | null): string {
  let out = event ? `event: ${event}\n` : "";
  for (const line of data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

const SSE_HEADERS = () => NMap.fromObject({ "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" });

/** The SSE natives, merged into `std/http/server`. */
export const sseNatives: Record<string, Value> = {
  sse: declare(
    "sse(producer: (Map<String, Any>) -> Any) -> Response",
    "A server-sent events response; producer(stream) runs once it has started.",
    "sse(ticks)",
    native("sse", 1, ([producer]) => {
      if (!(producer instanceof NFunction || producer instanceof NNative)) throw typeError("sse() requires a function that takes the stream");
      const m = new Map<string, Value>([
        ["status", 200],
        ["headers", SSE_HEADERS()],
        ["body", ""],
        ["stream", producer],
      ]);
      return new NMap(m);
    }),
  ),
  sse_send: declare(
    "sse_send(stream: Map<String, Any>, data: Any, event?: String) -> Bool",
    "Send one event (maps and arrays as JSON); false once the client has gone.",
    'sse_send(stream, map { "n": 1 }, "tick")',
    native("sse_send", [2, 3], ([stream, data, event]) => {
      const id = stream instanceof NMap ? stream.get("_sse_stream") : undefined;
      if (typeof id !== "number") throw typeError("sse_send() first argument must be the stream given to the sse() function");
      if (event !== undefined && (typeof event !== "string" || /[\r\n]/.test(event))) throw typeError("sse_send() event name must be a one-line string");
      const text = typeof data === "string" ? data : data instanceof NMap || data instanceof NArray ? toJsonText(data) : display(data);
      return writeStream(id, eventText(text, event ?? null));
    }),
  ),
};
