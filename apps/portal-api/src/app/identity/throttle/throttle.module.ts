import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { LoginThrottleService } from './login-throttle.service';

@Module({ imports: [AuditModule], providers: [LoginThrottleService], exports: [LoginThrottleService] })
export class ThrottleModule {}
