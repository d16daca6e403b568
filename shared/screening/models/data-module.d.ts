// A .bin import is an ArrayBuffer in workerd (wrangler's Data rule).
declare module "*.bin" {
  const data: ArrayBuffer;
  export default data;
}
