import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017', {
  maxPoolSize: 20,
  waitQueueTimeoutMS: 5_000,
  maxIdleTimeMS: 60_000,
});
const carts = client.db('shop').collection<{ userId: string; items: string[] }>('carts');

// ❌ The session is never ended: it stays on the server until it times out.
export async function addItem(userId: string, sku: string): Promise<void> {
  const session = client.startSession();
  await carts.updateOne({ userId }, { $push: { items: sku } }, { session, upsert: true });
  await carts.updateOne({ userId }, { $set: { updatedAt: new Date() } }, { session });
}

// ✅ withSession ends the session on every path.
export async function addItemFixed(userId: string, sku: string): Promise<void> {
  await client.withSession(async (session) => {
    await carts.updateOne({ userId }, { $push: { items: sku } }, { session, upsert: true });
    await carts.updateOne({ userId }, { $set: { updatedAt: new Date() } }, { session });
  });
}
