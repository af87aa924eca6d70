// Measured inside the real extension host against the emulator with 200 registrations × 5,000 tenants and a fixed
// latency per request: the Registrations view's first level, one registration's first tenant page, and every tenant
// of one registration through Load more — requests, time, and the critical path (round trips × latency) — plus the
// extension host's memory afterwards and the measured activation time. Prints one BENCH-RESULT line.
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/vscode/tree/nodes';
import { emulator, signedInFresh, testApi } from '../../test/host/helpers';

const latencyMs = Number(process.env.AZS_BENCH_LATENCY_MS ?? 20);

/** Sign-in requests (OpenID metadata, token) happen once per session, not per load: they are counted apart. */
const signInPath = /\/oauth2\/|\.well-known\/|\/adfs\//;

async function timed(work: () => Promise<void>): Promise<{ ms: number; requests: number; signIn: number }> {
  await emulator().clearRequests();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const requests = await emulator().requests();
  return { ms, requests: requests.filter((r) => !signInPath.test(r.path)).length, signIn: requests.filter((r) => signInPath.test(r.path)).length };
}

describe('benchmark: Registrations view at 200 × 5,000', function () {
  this.timeout(600_000);

  it('measures', async () => {
    const api = await testApi();
    await signedInFresh(api);
    await emulator().setLatency(latencyMs);
    api.tree.refresh();
    let registrations: TreeNode[] = [];
    // What the view asks for when it opens: the root, the account's subscriptions, each subscription's registrations.
    const firstLevel = await timed(async () => {
      const [account] = await api.tree.getChildren();
      const subscriptions = await api.tree.getChildren(account);
      registrations = (await Promise.all(subscriptions.map((s) => api.tree.getChildren(s)))).flat();
    });
    const registration = registrations[0];
    const firstPage = await timed(async () => {
      await api.tree.getChildren(registration);
    });
    let shownTenants = 0;
    const allTenants = await timed(async () => {
      for (;;) {
        const children = await api.tree.getChildren(registration);
        shownTenants = children.filter((n) => n.kind === 'tenant').length;
        const more = children.find((n) => n.kind === 'loadMore');
        if (!more) break;
        await vscode.commands.executeCommand('azureStackCsp.loadMore', more);
      }
    });
    await emulator().setLatency(0);
    const memory = process.memoryUsage();
    const result = {
      latency_ms: latencyMs,
      registrations: registrations.length,
      tenants_shown: shownTenants,
      tree_first_level_requests: firstLevel.requests,
      sign_in_requests: firstLevel.signIn + firstPage.signIn + allTenants.signIn,
      tree_first_level_ms: Math.round(firstLevel.ms),
      tree_first_level_critical_path_ms: 2 * latencyMs,
      tree_first_page_requests: firstPage.requests,
      tree_first_page_ms: Math.round(firstPage.ms),
      tree_first_page_critical_path_ms: latencyMs,
      tree_all_tenants_requests: allTenants.requests,
      tree_all_tenants_ms: Math.round(allTenants.ms),
      tree_all_tenants_critical_path_ms: allTenants.requests * latencyMs,
      extension_host_rss_mb: Math.round(memory.rss / 1048576),
      extension_host_heap_mb: Math.round(memory.heapUsed / 1048576),
      activation_ms: Math.round(api.activationMs * 10) / 10,
    };
    console.log(`BENCH-RESULT ${JSON.stringify(result)}`);
  });
});
