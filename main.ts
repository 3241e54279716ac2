import { buildApp } from './src/charts/app';

buildApp().synth();
