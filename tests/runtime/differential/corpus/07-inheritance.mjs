class Shape {
  static count = 0;
  constructor(name) { this.name = name; Shape.count++; }
  area() { return 0; }
  toString() { return `${this.name}(${this.area().toFixed(2)})`; }
}
class Circle extends Shape {
  constructor(r) { super('circle'); this.r = r; }
  area() { return Math.PI * this.r ** 2; }
}
class Square extends Shape {
  constructor(side) { super('square'); this.side = side; }
  area() { return this.side ** 2; }
  static unit() { return new Square(1); }
}

// --- tests
const shapes = [new Circle(1), new Square(2), Square.unit()];
console.log(shapes.map(String).join(' '));
console.log(Shape.count, shapes[0] instanceof Shape, Object.getPrototypeOf(Square) === Shape);
console.log(shapes.sort((a, b) => a.area() - b.area()).map((s) => s.name));
