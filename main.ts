import { buildApps } from './src/charts/app';

for (const app of buildApps()) app.synth();
