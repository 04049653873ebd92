/**
 * Node.js library for the Orkestra plugins: the OCI layer and the pattern codec.
 *
 * @packageDocumentation
 */

export * from './oci/digest';
export * from './pattern/patternDirectory';
export * from './pattern/models';
