// The AWS JSON 1.0 and 1.1 protocols (Smithy awsJson1_0 / awsJson1_1), which Step Functions (1.0), CloudWatch
// Logs, Systems Manager and the Price List API (1.1) speak: a POST naming its operation in `X-Amz-Target`, a
// JSON object body, answers in `application/x-amz-json-1.x`, and errors as `{"__type": "<Code>", "message": ...}`
// (the SDK reads the code from __type). One reader, one writer and one fault reply for all of them; each
// service keeps its own codes and messages. Scheduler (REST-JSON) shares only parseJsonObject: its errors travel
// in the `x-amzn-ErrorType` header instead.
import type { ErrorKind, Exchange, WireError } from './exchange';

type JsonBody = Record<string, unknown>;

/** A request body as a JSON object; an empty body is `{}`, anything but an object is undefined. */
export function parseJsonObject(text: string): JsonBody | undefined {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonBody) : undefined;
}

/** The errors a sandbox fault injects: throttling and denial are client errors (400), the rest the service's own. */
interface FaultReplies {
  /** The AccessDeniedException message, naming the action as the service does. */
  denied: string;
  /** The service's code and message for an internal failure (HTTP 500). */
  internal: readonly [code: string, message: string];
}

export class AwsJsonProtocol {
  readonly contentType: string;

  constructor(version: '1.0' | '1.1') {
    this.contentType = `application/x-amz-json-${version}`;
  }

  /**
   * The request's JSON object, or undefined when there is none to act on: the body is not an object (a
   * SerializationException is sent) or the client went away while sending it (nothing is sent).
   */
  async readRequest(ex: Exchange): Promise<JsonBody | undefined> {
    let body: JsonBody | undefined;
    try {
      body = parseJsonObject((await ex.readBody()).toString('utf8'));
    } catch {
      body = undefined;
    }
    if (body !== undefined) return body;
    if (!ex.req.socket.destroyed)
      await this.sendError(ex, 400, 'SerializationException', 'The request body is not a JSON object.');
    return undefined;
  }

  send(ex: Exchange, status: number, body: unknown): Promise<void> {
    return ex.send(status, { 'content-type': this.contentType }, JSON.stringify(body));
  }

  sendError(ex: Exchange, status: number, code: string, message: string, details: JsonBody = {}): Promise<void> {
    return this.send(ex, status, { __type: code, message, ...details });
  }

  /** The `ex.admit` reply of a fault kind. */
  faultReply(kind: ErrorKind, replies: FaultReplies): WireError {
    const [status, code, message] =
      kind === 'throttle'
        ? [400, 'ThrottlingException', 'Rate exceeded']
        : kind === 'denied'
          ? [400, 'AccessDeniedException', replies.denied]
          : [500, ...replies.internal];
    return { status, contentType: this.contentType, body: JSON.stringify({ __type: code, message }) };
  }
}
