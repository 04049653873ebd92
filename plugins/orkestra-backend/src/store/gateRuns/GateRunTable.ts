import { Knex } from 'knex';
import { insertedId } from '../knexHelpers';

/** A gate run the scaffolder module reports. */
export interface NewGateRun {
  taskId?: string;
  reference: string;
  gate: string;
  status: string;
  startedAt: string;
  finishedAt?: string;
  detail?: Record<string, unknown>;
}

/** `orkestra_gate_runs`: simulate and e2e runs of the scaffolder actions. */
export class GateRunTable {
  constructor(private readonly knex: Knex) {}

  /** Returns the run's number. */
  async recordGateRun(run: NewGateRun): Promise<number> {
    const [row] = await this.knex('orkestra_gate_runs')
      .insert({
        task_id: run.taskId ?? null,
        reference: run.reference,
        gate: run.gate,
        status: run.status,
        started_at: run.startedAt,
        finished_at: run.finishedAt ?? null,
        detail_json: JSON.stringify(run.detail ?? {}),
      })
      .returning('id');
    return insertedId(row);
  }
}
