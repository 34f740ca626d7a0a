const settings = { retries: 3 };
const handlers = { start: () => 'started' };
function run(name) { return handlers[name](); }

// --- tests
console.log(run('start'));
try { settings(); } catch (error) { console.log(error.constructor.name, error.message); }
try { new handlers.start(); } catch (error) { console.log(error.message); }
try { for (const s of settings) console.log(s); } catch (error) { console.log(error.message); }
settings.retries();
