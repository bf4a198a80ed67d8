// The page's own code, from a file (script-src 'self' allows no inline script).
const editor = document.querySelector('#editor');
let changes = 0;
editor.addEventListener('wg-plan-change', () => {
  document.querySelector('#changes').textContent = String(++changes);
});
document.querySelector('#map').addEventListener('wg-error', (event) => console.warn(event.detail.message));

const load = (name) => fetch(`../data/${name}.geojson`).then((response) => response.json());
const [units, boundary, grids] = await Promise.all([load('units'), load('boundary'), load('grids')]);
await customElements.whenDefined('wg-grid-editor');
editor.units = units;
editor.boundary = boundary;
editor.grids = grids;
