// Placeholder until the services issue lands: answers 501 so the real bundling path is exercised.
import type { APIGatewayProxyHandler } from 'aws-lambda';

export const handler: APIGatewayProxyHandler = async () => ({
  statusCode: 501,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: { message: 'goals: not implemented yet' } }),
});
