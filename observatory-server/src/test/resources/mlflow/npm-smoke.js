// Smoke test of Observatory's MLflow API with the `mlflow` npm package (an independent Node.js MLflow client).
// Usage: node npm-smoke.js <node_modules dir> <server url>. Prints one JSON line of what it read back; exits 1 on error.
const path = require('path');
const MLflow = require(path.join(process.argv[2], 'mlflow')).default || require(path.join(process.argv[2], 'mlflow'));
const client = new MLflow({ endpoint: process.argv[3] });
const { Experiments, Runs, Metrics, Artifacts } = client;
console.log = () => {}; // the package prints every request body

(async () => {
  const { experiment_id } = await Experiments.create({ name: 'npm-smoke' });
  const { run } = await Runs.create({ experiment_id, user_id: 'node', start_time: Date.now(), tags: [{ key: 'team', value: 'js' }] });
  const run_id = run.info.run_id;
  await Runs.logParameter({ run_id, key: 'lr', value: '0.001' });
  await Runs.setTag({ run_id, key: 'stage', value: 'smoke' });
  for (let step = 0; step < 5; step++) {
    await Runs.logMetric({ run_id, key: 'loss', value: 1 / (step + 1), timestamp: Date.now(), step });
  }
  const metrics = [];
  for (let step = 5; step < 1005; step++) metrics.push({ key: 'loss', value: 1 / (step + 1), timestamp: Date.now(), step });
  await Runs.logBatch({ run_id, metrics, params: [], tags: [] });
  await Runs.update({ run_id, status: 'FINISHED', end_time: Date.now() });
  const got = await Runs.get({ run_id });
  const history = await Metrics.getHistory({ run_id, metric_key: 'loss' });
  const found = await Runs.search({ experiment_ids: [experiment_id], filter: "params.lr = '0.001' and tags.team = 'js'", order_by: ['metrics.loss ASC'] });
  const listed = await Experiments.list({ view_type: 'ACTIVE_ONLY' });
  // artifacts: upload and download through the mlflow-artifacts proxy the way MLflow's clients do (the package has no
  // upload), then list with the package's own Artifacts.list
  const proxy = process.argv[3] + '/api/2.0/mlflow-artifacts/artifacts'
    + got.run.info.artifact_uri.replace(/^mlflow-artifacts:/, '') + '/model/weights.txt';
  const body = 'weights from node ' + run_id;
  const put = await fetch(proxy, { method: 'PUT', body });
  if (put.status !== 200) throw new Error('upload answered ' + put.status + ': ' + await put.text());
  const downloaded = await (await fetch(proxy)).text();
  const artifacts = await Artifacts.list({ run_id, path: 'model' });
  process.stdout.write(JSON.stringify({
    run_id,
    status: got.run.info.status,
    params: got.run.data.params,
    history: history.metrics.length,
    found: found.runs.map(r => r.info.run_id),
    experiments: listed.experiments.map(e => e.name),
    artifact_uri: got.run.info.artifact_uri,
    artifacts: (artifacts.files || []).map(f => ({ path: f.path, is_dir: f.is_dir, file_size: Number(f.file_size) })),
    downloaded_matches: downloaded === body,
  }) + '\n');
})().catch(e => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
