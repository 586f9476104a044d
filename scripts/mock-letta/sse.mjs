/**
 * Responses: compact JSON bodies and the SSE writer, both applying the stream faults.
 */
import { TEXT } from './constants.mjs';
import { NO_FAULT } from './faults.mjs';
import { sleep } from './util.mjs';
import { stopReason, errorMessage, dataFrame, errorFrame, MALFORMED_FRAME } from './wire.mjs';

/** A compact JSON body; `disconnect-after`/`stall-after` cut it after that many bytes. */
export function sendJson(res, status, body, fault = NO_FAULT, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const buffer = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': fault.contentType ?? 'application/json', 'content-length': String(buffer.length), ...headers });
  const cut = fault.disconnectAfter ?? fault.stallAfter;
  if (cut == null || cut >= buffer.length) return void res.end(buffer);
  res.write(buffer.subarray(0, cut), () => {
    if (fault.disconnectAfter != null) res.destroy();
  });
}

/** Writes SSE frames, each as its own chunk, and applies the stream faults. */
export class SseWriter {
  constructor(res, fault, signal, runId) {
    Object.assign(this, { res, fault, signal, runId, count: 0, open: true });
  }

  /**
   * Sends the headers; false if a fault ends the stream right away (N = 0). With `defer`, the
   * headers go out with the first frame (StreamingResponseWithStatusCode waits for it to pick the
   * status: measured on resume streams, whose fetch() resolves only when a frame arrives).
   */
  async start({ defer = false } = {}) {
    this.res.writeHead(200, { 'content-type': this.fault.contentType ?? 'text/event-stream; charset=utf-8' });
    if (!defer) this.res.flushHeaders();
    return this.afterFrames();
  }

  async write(frame) {
    if (!this.open) return false;
    if (this.fault.dripMs && this.count > 0 && !(await sleep(this.fault.dripMs, this.signal))) return false;
    if (!(await this.raw(frame))) return false;
    this.count += 1;
    return this.afterFrames();
  }

  async afterFrames() {
    const { count: n, fault } = this;
    if (fault.malformedAfter === n && !(await this.raw(MALFORMED_FRAME))) return false;
    if (fault.errorAfter === n) {
      const detail = `Injected fault: error-after=${n}`;
      await this.raw(dataFrame(stopReason('error')));
      await this.raw(errorFrame(errorMessage(this.runId, 'internal_error', TEXT.midStreamError, detail)));
      this.end();
      return false;
    }
    if (fault.stallAfter === n) {
      this.open = false; // keep the socket open and silent until the client leaves
      return false;
    }
    if (fault.disconnectAfter === n) {
      this.open = false;
      // Close the connection after what was written (FIN, no final chunk), as a dropped upstream
      // connection looks to the client. Wait a moment first: a browser errors the body stream as soon
      // as the connection breaks and drops chunks it had not handed to the reader yet, so closing at
      // once would make the test depend on timing rather than on the client.
      const socket = this.res.socket;
      setTimeout(() => {
        if (socket && !socket.destroyed) socket.end();
        setTimeout(() => this.res.destroy(), 200).unref();
      }, 100).unref();
      return false;
    }
    return true;
  }

  /** Resolves once the frame is handed to the socket (false if the connection is gone). */
  raw(frame) {
    return new Promise((resolve) => {
      if (this.res.destroyed || this.res.writableEnded) return resolve(false);
      const onClose = () => resolve(false);
      this.res.once('close', onClose);
      this.res.write(frame, (err) => {
        this.res.off('close', onClose);
        resolve(!err);
      });
    });
  }

  end() {
    if (!this.open) return;
    this.open = false;
    if (!this.res.destroyed) this.res.end();
  }
}

