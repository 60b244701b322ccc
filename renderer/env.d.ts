/// <reference types="vite/client" />
// Vite's client types: import.meta.env (PROD/DEV) and CSS/asset imports in the renderer.

// pdfkit's standard font data modules (registered with its browser build for printing).
declare module 'pdfkit/standard-fonts/Helvetica' {
  const font: unknown;
  export default font;
}
declare module 'pdfkit/standard-fonts/HelveticaBold' {
  const font: unknown;
  export default font;
}
