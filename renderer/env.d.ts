/// <reference types="vite/client" />
// Vite's client types: import.meta.env (PROD/DEV) and CSS/asset imports in the renderer.
