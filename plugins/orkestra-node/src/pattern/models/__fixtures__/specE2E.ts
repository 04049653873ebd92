/**
 * The e2e.yaml example of the spec (orkestra-registry.md §3.5), key for key;
 * only its elided values (`helm: [...]`, `wait: [...]`, `onFailure:
 * { kubectl: {...}, commands: [...] }`) are filled in with real entries.
 */
export const SPEC_E2E = `apiVersion: orkestra.orkspace.io/v1
kind: E2E
metadata: { name: webapp-e2e }
spec:
  katalog: ./katalog.yaml
  crd: ./crd.yaml
  cr: ./cr.yaml
  cluster: { provider: kind, name: ork-e2e, reuse: false }
  setup:
    apply: [./ns.yaml]
    helm: [{ repo: https://charts.example.com, chart: dep }]
    wait: [{ kind: Deployment, name: dep, namespace: default, ready: true }]
  expect:
    - name: CR reconciled
      after: cr-applied          # or cr-deleted
      timeout: 60s
      resources:
        - { kind: Deployment, name: my-webapp, namespace: default, ready: true }
      kubectl:
        get: [{ kind: WebApp, name: my-webapp, namespace: default, field: .status.phase, equals: Ready }]
    - name: Cleanup
      after: cr-deleted
      timeout: 30s
      resources: [{ kind: WebApp, name: my-webapp, namespace: default, count: 0 }]
  onFailure:
    kubectl: { describe: [{ kind: WebApp, name: my-webapp, namespace: default }] }
    commands: [kubectl get pods -A]
imports: [./other/e2e.yaml]     # suite composition
`;
