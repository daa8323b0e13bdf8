import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock } from '../infra/clock';

export const INSTANCE_KEY = Symbol('INSTANCE_KEY');

/** Process-wide infrastructure every feature may inject: the clock and the instance key. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(instanceKey: Buffer): DynamicModule {
    return {
      module: CoreModule,
      providers: [Clock, { provide: INSTANCE_KEY, useValue: instanceKey }],
      exports: [Clock, INSTANCE_KEY],
    };
  }
}
