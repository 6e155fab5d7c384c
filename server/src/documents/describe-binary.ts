interface Signature {
  magic: number[];
  offset?: number;
  what: string;
}

// Only for the error message: naming what was uploaded helps people pick the right file.
const SIGNATURES: Signature[] = [
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: "a Linux executable (ELF)" },
  { magic: [0x4d, 0x5a], what: "a Windows executable" },
  { magic: [0xcf, 0xfa, 0xed, 0xfe], what: "a macOS executable" },
  { magic: [0xca, 0xfe, 0xba, 0xbe], what: "a macOS executable or Java class file" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { magic: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { magic: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { magic: [0x52, 0x49, 0x46, 0x46], what: "a RIFF media file (WebP, WAV or AVI)" },
  { magic: [0x66, 0x74, 0x79, 0x70], offset: 4, what: "a video or HEIC image" },
  { magic: [0x49, 0x44, 0x33], what: "an MP3 file" },
  { magic: [0x1f, 0x8b], what: "a gzip archive" },
  { magic: [0x42, 0x5a, 0x68], what: "a bzip2 archive" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: "a 7-Zip archive" },
  { magic: [0x52, 0x61, 0x72, 0x21], what: "a RAR archive" },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: "a legacy Office file (.doc, .xls or .ppt; save it as .docx)" },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: "an RTF document (save it as .docx or PDF)" },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: "an SQLite database" },
  { magic: [0x00, 0x61, 0x73, 0x6d], what: "a WebAssembly module" },
];

/** Names a well-known binary format from its magic bytes, or returns undefined. */
export function describeBinary(bytes: Uint8Array): string | undefined {
  for (const { magic, offset = 0, what } of SIGNATURES) {
    if (magic.every((byte, index) => bytes[offset + index] === byte)) return what;
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return "UTF-16 text (save it as UTF-8)";
  }
  return undefined;
}
