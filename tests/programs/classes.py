"""Classes, dataclasses, properties, inheritance and static/class methods."""

from dataclasses import dataclass


@dataclass
class Config:
    lr: float
    epochs: int


class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} makes a sound"

    @property
    def shout(self):
        return self.speak().upper()


class Dog(Animal):
    def speak(self):
        return f"{self.name} barks"

    @classmethod
    def make(cls, name):
        return cls(name)

    @staticmethod
    def legs():
        return 4


def train(config: Config) -> float:
    return config.lr * config.epochs


print(Dog.make("rex").shout, Dog.legs(), Animal("cat").speak())
print(train(Config(lr=0.1, epochs=3)))
