export * from './common';
export * from './refund';
export * from './inquiry';
export * from './notify';
