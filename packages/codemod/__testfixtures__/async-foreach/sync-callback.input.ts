export async function total(prices: number[]) {
  let sum = 0;
  prices.forEach((price) => {
    sum += price;
  });
  return sum;
}
