/**
 * Types, constants and pure logic shared by the Orkestra plugins.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './vocabulary';
export * from './signals';
export * from './api';
export * from './signalDisplay';
export * from './versions';
export * from './names';
export * from './reference';
export * from './policy';
export * from './permissions';
export * from './entityAnnotations';
export * from './entityName';
export * from './bounded';
