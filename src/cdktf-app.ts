/**
 * The CDKTF app of a create-irsa project folder (the current directory): `cdktf synth` runs it.
 */
import { App } from 'cdktf';
import { addIrsaStacks } from './synth/add-irsa-stacks';

// Stack traces would put this machine's paths into cdktf.out.
const app = new App({ stackTraces: false });
addIrsaStacks(app, process.cwd());
app.synth();
