/**
 * What `<wg-track-layer>` loads with its first tracks: reading them, simplifying them for drawing,
 * packing them for the patrol worker and the worker's client.
 */
export { clip, readTracks, simplifyFixes } from '../../core/tracks.ts';
export { measurePatrol, packTracks } from '../../worker/patrol.ts';
