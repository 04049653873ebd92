import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import { readFileSync } from 'fs';
import { resolve as resolvePath } from 'path';
import request from 'supertest';
// `yaml` is hoisted to the root node_modules (a dependency of orkestra-node).
import { parse } from 'yaml';
import { createRouter, UNAUTHENTICATED_PATHS } from '../router';
import { PatternService } from '../service/types';

const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
];

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

function readDocument(): any {
  return parse(readFileSync(resolvePath(__dirname, 'openapi.yaml'), 'utf8'));
}

async function createTestRouter() {
  return createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    service: {} as PatternService,
  });
}

/** `METHOD /path/{param}` of every route the router registers. */
async function registeredRoutes(): Promise<string[]> {
  const router = await createTestRouter();
  const stack = (router as unknown as { stack: RouteLayer[] }).stack;
  return stack.flatMap(layer => {
    const route = layer.route;
    if (!route) return [];
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    return Object.keys(route.methods)
      .filter(method => route.methods[method])
      .map(method => `${method.toUpperCase()} ${path}`);
  });
}

function documentedRoutes(document: any): string[] {
  return Object.entries<Record<string, unknown>>(document.paths).flatMap(
    ([path, item]) =>
      Object.keys(item)
        .filter(key => HTTP_METHODS.includes(key))
        .map(method => `${method.toUpperCase()} ${path}`),
  );
}

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) {
    node.forEach(child => collectRefs(child, refs));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

function pathParameterNames(document: any, path: string, operation: any) {
  const resolveParameter = (parameter: any) => {
    if (!parameter.$ref) return parameter;
    const name = parameter.$ref.replace('#/components/parameters/', '');
    return document.components.parameters[name];
  };
  return [
    ...(document.paths[path].parameters ?? []),
    ...(operation.parameters ?? []),
  ]
    .map(resolveParameter)
    .filter((parameter: any) => parameter.in === 'path')
    .map((parameter: any) => parameter.name)
    .sort();
}

describe('openapi.yaml', () => {
  const document = readDocument();

  it('is an OpenAPI 3.0.3 document', () => {
    expect(document.openapi).toBe('3.0.3');
    expect(document.info.title).toBeTruthy();
  });

  it('documents exactly the routes the router registers', async () => {
    const registered = await registeredRoutes();
    expect(registered.length).toBeGreaterThan(10);
    expect(new Set(registered).size).toBe(registered.length);
    expect([...documentedRoutes(document)].sort()).toEqual(
      [...registered].sort(),
    );
  });

  it('declares every path parameter of every operation', () => {
    for (const [path, item] of Object.entries<any>(document.paths)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)]
        .map(match => match[1])
        .sort();
      for (const method of Object.keys(item).filter(key =>
        HTTP_METHODS.includes(key),
      )) {
        expect({
          operation: `${method} ${path}`,
          parameters: pathParameterNames(document, path, item[method]),
        }).toEqual({ operation: `${method} ${path}`, parameters: inPath });
      }
    }
  });

  it('resolves every $ref', () => {
    for (const ref of collectRefs(document)) {
      expect(ref.startsWith('#/')).toBe(true);
      const target = ref
        .slice(2)
        .split('/')
        .reduce<any>((node, key) => node?.[key], document);
      expect({ ref, resolved: target !== undefined }).toEqual({
        ref,
        resolved: true,
      });
    }
  });

  it('documents error responses and marks only the public paths as unauthenticated', () => {
    const publicOperations: string[] = [];
    const without401: string[] = [];
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const method of Object.keys(item).filter(key =>
        HTTP_METHODS.includes(key),
      )) {
        const operation = item[method];
        const isPublic = Array.isArray(operation.security);
        if (isPublic) publicOperations.push(path);
        if (!isPublic && !('401' in operation.responses)) {
          without401.push(`${method} ${path}`);
        }
      }
    }
    expect(publicOperations.sort()).toEqual([...UNAUTHENTICATED_PATHS].sort());
    expect(without401).toEqual([]);
    expect(
      document.paths['/patterns/{id}/resync'].post.responses['403'],
    ).toBeDefined();
    expect(document.components.schemas.Error.required).toEqual([
      'error',
      'request',
      'response',
    ]);
  });

  it('is served at GET /openapi.yaml without credentials', async () => {
    const app = express().use(await createTestRouter());
    const response = await request(app)
      .get('/openapi.yaml')
      .set('Authorization', 'Bearer mock-none-token')
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/yaml/);
    expect(parse(response.text)).toEqual(document);
  });
});
