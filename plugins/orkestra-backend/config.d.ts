import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Orkestra pattern registry plugins. */
  orkestra?: {
    /**
     * Where patterns are read from. Each source is synced on its own schedule.
     */
    sources?: Array<{
      /** Stable id of the source (lower-case letters, digits and dashes). */
      id: string;
      /** `registry`: an OCI distribution registry; `layout`: an OCI image-layout folder. */
      type: 'registry' | 'layout';
      /**
       * For `registry`: `host[:port]/namespace`, e.g. `ghcr.io/acme/patterns/katalogs`
       * (an `oci://`, `https://` or `http://` prefix is accepted).
       * For `layout`: the folder, relative to the backend's working directory or absolute.
       */
      target: string;
      /**
       * How repositories are found: the `<namespace>/index:latest` artifact
       * that `ork push` maintains (default), the registry's `_catalog`, or an
       * explicit `list` of repositories or prefixes.
       */
      discovery?: 'index' | 'catalog' | 'list';
      /** With `discovery: list`: repository names or prefixes ending in `/`. */
      repositories?: string[];
      /**
       * With `discovery: index`: the namespaces whose `<namespace>/index:latest`
       * is read, e.g. `[acme/patterns/katalogs, acme/patterns/motifs]`.
       * Default: the target's path.
       */
      namespaces?: string[];
      /**
       * For `layout`: the registry host the layout stands for, so that
       * references such as `oci://oci.orkestra.example/orkestra/motifs/x:v1`
       * in imports resolve to its patterns.
       */
      registry?: string;
      /** For `layout`: only repositories under this path prefix are patterns. */
      prefix?: string;
      /** Talk plain HTTP instead of HTTPS (only for registries on loopback or a trusted network). */
      insecure?: boolean;
      /** Credentials; prefer `${ENV_VAR}` substitution over literals. */
      credentials?: {
        username?: string;
        /** @visibility secret */
        password?: string;
        /** @visibility secret */
        token?: string;
      };
      /**
       * For `registry`: hosts (`host[:port]`, no scheme or path) besides the
       * registry's own that may serve its Bearer token realm. The token
       * realm receives the credentials (Basic, or the identity token), so a
       * Bearer challenge naming a realm on any other host is refused and
       * nothing is sent to it. Not needed when the realm is on the
       * registry's host (ghcr.io, Harbor, ACR, Quay, a plain distribution
       * registry). Needed for example by GitLab (`registry.gitlab.com` →
       * `[gitlab.com]`) and by Docker Hub (`registry-1.docker.io` →
       * `[auth.docker.io]`); Docker Hub's pair is well known and allowed
       * without being listed.
       */
      tokenRealms?: string[];
      /** How often the source is synced. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    }>;

    /** Portal-level policy: evaluated per pattern version, enforced when publishing. */
    policy?: {
      /**
       * Reference prefixes patterns may come from, matched on path-segment
       * boundaries (`ghcr.io/acme/` does not match `ghcr.io/acme-evil/`).
       */
      allowedRegistries?: string[];
      /** The lowest maturity a pattern may have without a policy failure. */
      minMaturity?: 'alpha' | 'beta' | 'stable';
      /** Gates that must have passed for a version to pass policy and to be published. */
      requiredGates?: Array<'simulate' | 'e2e'>;
      /** Deprecated patterns: warn before `timeline.to` and fail after (default), or only warn. */
      deprecation?: 'warn' | 'warn-then-fail';
      /**
       * May templates force a publish or skip gates (recorded as `skipped`,
       * like `ork push --force`)? Default false.
       */
      allowForcedPublish?: boolean;
    };

    /**
     * Commands that run the simulate and e2e gates for the scaffolder actions
     * (see plugins/orkestra-node/src/gates/README.md for the contract).
     * Without a command a gate that must run fails; it is never reported passed.
     */
    gates?: {
      simulate?: {
        /** argv, no shell; `{file}` and `{dir}` are replaced, e.g. `[ork, simulate, -f, '{file}']`. */
        command: string[];
        /** Seconds. Default 600. */
        timeout?: number;
        env?: { [name: string]: string };
      };
      e2e?: {
        command: string[];
        /** Seconds. Default 1800. */
        timeout?: number;
        env?: { [name: string]: string };
      };
      /** The e2e runner name to record; detected from the CI environment when absent. */
      runner?: string;
      /**
       * What `ork version` says for the ork the gates run (`version.Short()`,
       * e.g. `v0.7.6`). `orkestra:publish` records it as
       * `io.orkestra.katalog.runtime_version`, as `ork push` does, except for
       * a typed Katalog whose go.mod requires github.com/orkspace/orkestra
       * (that version wins). Without it the annotation is written only for
       * such typed Katalogs; nothing is run to find it out.
       */
      runtimeVersion?: string;
      /**
       * Names of the backend's environment variables the gate commands get,
       * e.g. `[KUBECONFIG]`. Besides these they get only PATH, HOME and ork's
       * documented `ORK_REGISTRY` and `ORK_MOTIFS_REGISTRY` (and each gate's `env`): never the backend's secrets.
       */
      passEnv?: string[];
    };

    /** The catalog module's full refresh of the entity feed. */
    catalog?: {
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Patterns read per page of the entity feed (1 to 500). Default 500. */
      pageSize?: number;
    };

    /** How syncing behaves across all sources. */
    sync?: {
      /** Repositories synced at once per source. Default 4. */
      concurrency?: number;
      /**
       * How long a repository or tag that disappeared from its source is kept
       * (marked missing) before it is dropped. Default 7 days.
       */
      missingGracePeriod?: import('@backstage/types').HumanDuration | string;
      /** Largest YAML layer (primary file, komposer.yaml, crd.yaml) the sync reads, in bytes. Default 1 MiB. */
      maxYamlBytes?: number;
      /**
       * A scheduled sync skips the known repositories of a namespace whose
       * index artifact (`<namespace>/index:latest`, which `ork push` updates
       * after every push) has not changed since the namespace was last
       * checked in full. Every repository is still checked at least this
       * often, for pushes that did not update the index. Default 6 hours.
       */
      fullCheckInterval?: import('@backstage/types').HumanDuration | string;
      /**
       * On-demand resyncs (`POST /patterns/{id}/resync`,
       * `POST /sources/{id}/resync`) one caller may ask for per window; past
       * that the API answers 429 with `Retry-After`. Requests for a
       * repository whose run is going share that run. Default 10 per minute.
       */
      resyncRateLimit?: {
        requests?: number;
        window?: import('@backstage/types').HumanDuration | string;
      };
    };

    /** Who owns synced patterns in the catalog. */
    ownership?: {
      /** Owner entity ref for patterns whose author has no mapping. */
      defaultOwner?: string;
      /** Pattern author (the `io.orkestra.pattern.author` annotation) to owner entity ref. */
      authors?: { [author: string]: string };
    };
  };
}
