// Plugins registered by assignment, named by the bindings they are assigned to.
let onLoad = null;
let onSave;
var transform = (text) => text;
const hooks = [];
function register(hook) { hooks.push(hook); return hooks.length; }
function run(input) { return hooks.reduce((value, hook) => hook(value), transform(input)); }
function caller() { return new Error('where').stack.split('\n')[2].trim().split(' ')[1]; }

// --- tests
onLoad = () => 'loaded';
onSave ??= function () { return caller(); };
var transform = (text) => text.toUpperCase();
console.log(onLoad.name, onSave.name, transform.name, onSave());
register((value) => value + '!');
register(function exclaim(value) { return value + '?'; });
console.log(run('hooks'), hooks.map((hook) => hook.name));
const { format = (value) => `<${value}>` } = {};
console.log(format.name, format('x'));
