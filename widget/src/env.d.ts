// Vite turns `?inline` imports into the processed file's text.
declare module "*?inline" {
  const text: string;
  export default text;
}
