/**
 * The CloudFormation resource specification CDK itself is generated from (`@aws-cdk/aws-service-spec`,
 * the registry schemas), read with its own loader once per process.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { Resource, SpecDatabase, TypeDefinition } from '@aws-cdk/service-spec-types';

let database: SpecDatabase | undefined;

export function serviceSpec(): SpecDatabase {
  database ??= loadAwsServiceSpecSync();
  return database;
}

export function resourceType(type: string): Resource | undefined {
  return serviceSpec().lookup('resource', 'cloudFormationType', 'equals', type)[0];
}

export function typeDefinition(reference: Parameters<SpecDatabase['get']>[1]): TypeDefinition {
  return serviceSpec().get('typeDefinition', reference as never);
}
