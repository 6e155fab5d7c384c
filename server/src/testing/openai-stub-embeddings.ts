// Deterministic stand-in embeddings: a hashed bag of words, so texts sharing words score closer
// (enough for retrieval tests to be meaningful) without any model.

const DEFAULT_DIMENSIONS = 64;

/** FNV-1a: a fast, stable 32-bit hash; any stable hash would do. */
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A unit vector: each word adds 1 to the dimension its hash picks; a text without words gets e0. */
export function stubEmbedding(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words(text)) vector[hash(word) % dimensions]! += 1;
  const norm = Math.hypot(...vector);
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((value) => value / norm);
}

/** Float32 little-endian in base64: what the SDK asks for by default (`encoding_format: "base64"`). */
function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

/** The body of `POST /v1/embeddings`, as OpenAI answers it. */
export function embeddingsResponse(body: {
  model?: unknown;
  input?: unknown;
  dimensions?: unknown;
  encoding_format?: unknown;
}): { status: number; json: unknown } {
  const inputs = typeof body.input === "string" ? [body.input] : body.input;
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((input) => typeof input === "string")) {
    return invalid("'input' must be a string or a non-empty array of strings.");
  }
  if (inputs.some((input) => input.length === 0)) return invalid("'input' must not contain empty strings.");
  const dimensions = typeof body.dimensions === "number" ? body.dimensions : DEFAULT_DIMENSIONS;
  const tokens = inputs.reduce((sum, input) => sum + words(input).length, 0);
  return {
    status: 200,
    json: {
      object: "list",
      model: body.model,
      data: inputs.map((input, index) => {
        const vector = stubEmbedding(input, dimensions);
        return {
          object: "embedding",
          index,
          embedding: body.encoding_format === "base64" ? toBase64(vector) : vector,
        };
      }),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}

function invalid(message: string) {
  return {
    status: 400,
    json: { error: { message, type: "invalid_request_error", param: "input", code: null } },
  };
}
