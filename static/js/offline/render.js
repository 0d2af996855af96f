// The page's render function, set once at start (app.js: views/page.js). Modules that change what the
// device holds call render() without importing the views, which import them.

let renderer = async () => {};

export const setRenderer = (fn) => { renderer = fn; };
export const render = () => renderer();
