import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Swagger UI's files, read from the installed `swagger-ui-dist` package so the docs page works
 * on a machine without internet. Only the files the page uses are reachable.
 */
const ASSET_TYPES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
} as const;

/** The name of a file the docs page may load. */
export type SwaggerAssetName = keyof typeof ASSET_TYPES;

/** A file's bytes and the Content-Type to answer with. */
export interface SwaggerAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

/** Whether `name` is one of the files the docs page serves. */
export function isSwaggerAssetName(name: string): name is SwaggerAssetName {
  return Object.hasOwn(ASSET_TYPES, name);
}

/**
 * Loads Swagger UI assets from disk once each and keeps them in memory: they never change
 * while the process runs, and the bundle is large enough that re-reading it would show.
 */
export function createSwaggerAssetStore(): (name: SwaggerAssetName) => Promise<SwaggerAsset> {
  const folder = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const cache = new Map<SwaggerAssetName, Promise<SwaggerAsset>>();
  return (name) => {
    let asset = cache.get(name);
    if (!asset) {
      asset = readFile(join(folder, name)).then((bytes) => ({
        body: new Uint8Array(bytes),
        contentType: ASSET_TYPES[name],
      }));
      // A failed read is not cached, so a transient error does not stick.
      asset.catch(() => cache.delete(name));
      cache.set(name, asset);
    }
    return asset;
  };
}
