import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock } from '../infra/clock';
import { SecretBox } from '../infra/crypto/secret-box';

export const INSTANCE_KEY = Symbol('INSTANCE_KEY');

/** Process-wide infrastructure every feature may inject: the clock, the instance key and the SecretBox built on it. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(instanceKey: Buffer): DynamicModule {
    return {
      module: CoreModule,
      providers: [Clock, { provide: INSTANCE_KEY, useValue: instanceKey }, { provide: SecretBox, useValue: new SecretBox(instanceKey) }],
      exports: [Clock, INSTANCE_KEY, SecretBox],
    };
  }
}
