/**
 * Node.js library for the Orkestra plugins: the OCI layer (a registry client
 * and an OCI image-layout store behind one interface) and the pattern codec
 * that packs and reads patterns exactly like the `ork` CLI.
 *
 * @packageDocumentation
 */

export * from './oci';
export * from './pattern/patternDirectory';
export * from './pattern/models';
export * from './pattern/typedKatalog';
export * from './pattern/codec';
export * from './config';
export * from './publishing/pushPattern';
export * from './pattern/imports/patternImports';
export * from './gates';
export * from './clock';
