import { startFauxqs } from "fauxqs";

export interface TestS3 {
  /** `http://127.0.0.1:PORT`, what `SUPPORTAL_S3_ENDPOINT` names. */
  endpoint: string;
  bucket: string;
  /** The environment that points a server's vectors at `s3://bucket/<prefix>` here, its originals beside. */
  env(prefix: string): Record<string, string>;
  /** Conditional writes refused (412) so far: each is a commit race LanceDB lost and retried. */
  refusedCreates(): number;
  stop(): Promise<void>;
}

/**
 * An S3-compatible object store on loopback for one test file: fauxqs (an S3 emulator from npm, in
 * memory) behind a small front that honours `If-None-Match: *` on PUT, as AWS S3, MinIO and R2 do.
 * LanceDB commits a version by creating its manifest that way, so two instances writing one table
 * cannot both take the same version; fauxqs ignores the header (measured: two concurrent appends from
 * two connections both "succeeded" and one was lost), and s3rver also lists keys out of order, which
 * made LanceDB read an old version as the newest.
 */
export async function startTestS3(bucket = "supportal-test"): Promise<TestS3> {
  const store = await startFauxqs({ port: 0, host: "127.0.0.1", logger: false });
  store.createBucket(bucket);
  const backend = `http://127.0.0.1:${store.port}`;
  // Creates of one key wait for each other, so a check and its write are one step.
  const creates = new Map<string, Promise<unknown>>();
  let refused = 0;

  async function forward(request: Request, path: string): Promise<Response> {
    const headers = new Headers(request.headers);
    headers.delete("host");
    const body =
      request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    const answer = await fetch(backend + path, { method: request.method, headers, body, redirect: "manual" });
    // fetch has already decoded the body; pass it on as plain bytes.
    const out = new Headers(answer.headers);
    out.delete("content-encoding");
    out.delete("transfer-encoding");
    return new Response(request.method === "HEAD" ? null : await answer.arrayBuffer(), {
      status: answer.status,
      headers: out,
    });
  }

  async function createOnce(request: Request, path: string): Promise<Response> {
    const exists = await fetch(backend + path.split("?")[0], { method: "HEAD" });
    if (exists.ok) {
      refused++;
      return new Response(
        "<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>",
        { status: 412, headers: { "content-type": "application/xml" } },
      );
    }
    return forward(request, path);
  }

  const front = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const path = url.pathname + url.search;
      if (request.method !== "PUT" || request.headers.get("if-none-match") !== "*")
        return forward(request, path);
      const key = url.pathname;
      const previous = creates.get(key) ?? Promise.resolve();
      const answer = previous.then(() => createOnce(request, path));
      const settled = answer.catch(() => undefined);
      creates.set(key, settled);
      void settled.then(() => {
        if (creates.get(key) === settled) creates.delete(key);
      });
      return answer;
    },
  });
  const endpoint = `http://127.0.0.1:${front.port}`;

  return {
    endpoint,
    bucket,
    env: (prefix) => ({
      SUPPORTAL_VECTOR_URI: `s3://${bucket}/${prefix}`,
      SUPPORTAL_FILES_URI: `s3://${bucket}/${prefix}-files`,
      SUPPORTAL_S3_ENDPOINT: endpoint,
      SUPPORTAL_S3_REGION: "us-east-1",
      SUPPORTAL_S3_ACCESS_KEY_ID: "test-access-key",
      SUPPORTAL_S3_SECRET_ACCESS_KEY: "test-secret-key",
    }),
    refusedCreates: () => refused,
    async stop() {
      front.stop(true);
      await store.stop();
    },
  };
}
