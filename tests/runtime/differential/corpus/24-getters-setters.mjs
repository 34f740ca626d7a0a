const temperature = {
  _celsius: 20,
  get fahrenheit() { return this._celsius * 9 / 5 + 32; },
  set fahrenheit(f) { this._celsius = (f - 32) * 5 / 9; },
};
class Account {
  #balance = 0;
  static #fee = 1;
  deposit(amount) { this.#balance += amount; return this; }
  withdraw(amount) {
    if (amount + Account.#fee > this.#balance) throw new Error('insufficient funds');
    this.#balance -= amount + Account.#fee;
    return this;
  }
  get balance() { return this.#balance; }
}

// --- tests
console.log(temperature.fahrenheit);
temperature.fahrenheit = 212;
console.log(temperature._celsius);
const account = new Account().deposit(100).withdraw(10);
console.log(account.balance);
try { account.withdraw(1000); } catch (e) { console.log(e.message); }
console.log(Object.keys(temperature), 'balance' in account);
