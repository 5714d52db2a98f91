import type { OpenAPIObject } from '@nestjs/swagger';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

export interface ListedOperation {
  id: string;
  method: string;
  path: string;
  operation: Operation;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation of an OpenAPI document with its method and path, in document order. */
export function listOperations(document: OpenAPIObject): ListedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ id: operation.operationId ?? `${method} ${path}`, method, path, operation }] : [];
    }),
  );
}
