from debugflow.flow_engine import launch


def my_function(x, y):
    return x + y


launch("my_function", Ghost=True, Real_Time=True)
